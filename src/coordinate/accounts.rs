//! Per-account state: the only memory of coordination that grows with the input (a name, a
//! post count and a time span per account), besides what the outputs themselves hold.

use std::collections::HashMap;

/// Accounts numbered in order of first appearance in the input.
#[derive(Debug, Default)]
pub struct Accounts {
    index: HashMap<Box<str>, u32, foldhash::fast::FixedState>,
    pub names: Vec<Box<str>>,
    pub posts: Vec<u32>,
    pub first: Vec<i64>,
    pub last: Vec<i64>,
}

impl Accounts {
    /// The number of `name`, counting one more post at `time`.
    pub fn add_post(&mut self, name: &str, time: i64) -> u32 {
        let id = match self.index.get(name) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.index.insert(name.into(), id);
                self.names.push(name.into());
                self.posts.push(0);
                self.first.push(time);
                self.last.push(time);
                id
            }
        };
        let i = id as usize;
        self.posts[i] = self.posts[i].saturating_add(1);
        self.first[i] = self.first[i].min(time);
        self.last[i] = self.last[i].max(time);
        id
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}
